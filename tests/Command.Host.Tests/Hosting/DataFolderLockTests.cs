using Command.Host.Hosting;
using DataFolder = Command.Host.Tests.Support.DataFolder;

namespace Command.Host.Tests.Hosting;

public sealed class DataFolderLockTests
{
    [Fact]
    public void A_held_lock_is_released_only_when_it_is_disposed()
    {
        // Whoever disposes a host in process waits on it: the host's own run may be the one doing the disposing.
        var data = DataFolder.New();
        try
        {
            var held = DataFolderLock.Take(data, TimeProvider.System);
            var heldBefore = held.Released.IsCompleted;

            held.Dispose();
            using var next = DataFolderLock.Take(data, TimeProvider.System);

            Assert.Equal((false, TaskStatus.RanToCompletion), (heldBefore, held.Released.Status));
        }
        finally
        {
            DataFolder.Remove(data);
        }
    }
}
