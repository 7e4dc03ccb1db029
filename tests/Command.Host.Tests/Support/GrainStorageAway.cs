using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Command.Host.Tests.Support;

/// <summary>
/// A host's grain storage that a test can take away, as Azure Storage is when nothing answers at its address: every read,
/// write and clear fails until it is back. Put over one of the host's named storage providers by <see cref="Over"/>.
/// </summary>
public sealed class GrainStorageAway
{
    private volatile bool away;

    public void Away() => away = true;

    public void Back() => away = false;

    /// <summary>Puts this over the host's storage provider named <paramref name="name"/>.</summary>
    public void Over(IServiceCollection services, string name)
    {
        var own = services.Last(d => d.IsKeyedService && Equals(d.ServiceKey, name) && d.ServiceType == typeof(IGrainStorage));
        services.Remove(own);
        services.AddKeyedSingleton<IGrainStorage>(name, (provider, key) => new Failing(this, (IGrainStorage)own.KeyedImplementationFactory!(provider, key)));
    }

    private void ThrowIfAway()
    {
        if (away)
        {
            throw new Azure.RequestFailedException("Connection refused (127.0.0.1:10000)");
        }
    }

    // Also the silo's lifecycle participant its provider was: it still starts as the silo starts.
    private sealed class Failing(GrainStorageAway storage, IGrainStorage own) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            storage.ThrowIfAway();
            return own.ReadStateAsync(stateName, grainId, grainState);
        }

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            storage.ThrowIfAway();
            return own.WriteStateAsync(stateName, grainId, grainState);
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            storage.ThrowIfAway();
            return own.ClearStateAsync(stateName, grainId, grainState);
        }

        public void Participate(ISiloLifecycle observer) => (own as ILifecycleParticipant<ISiloLifecycle>)?.Participate(observer);
    }
}
