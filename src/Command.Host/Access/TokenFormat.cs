using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Command.Host.Access;

/// <summary>
/// Machine tokens as text: <c>cmd_</c> and the payload sealed by data protection (authenticated encryption with
/// the cluster's shared key ring), so any host can read one another host issued. Tokens already read are
/// remembered (up to <see cref="CacheCapacity"/>), so a device's steady stream of batches costs one lookup each.
/// </summary>
public sealed class TokenFormat(IDataProtectionProvider protection)
{
    public const string Prefix = "cmd_";

    /// <summary>Most tokens remembered; past this the memory starts over (a flood of made-up tokens cannot grow it).</summary>
    public const int CacheCapacity = 10_000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly IDataProtector protector = protection.CreateProtector("Command.Access.Token.v1");
    private readonly ConcurrentDictionary<string, TokenPayload?> read = new(StringComparer.Ordinal);

    public string Issue(TokenPayload payload) => Prefix + protector.Protect(JsonSerializer.Serialize(payload, Json));

    /// <summary>The payload of a token this cluster issued, or null for anything else.</summary>
    public TokenPayload? Read(string token)
    {
        if (read.TryGetValue(token, out var known))
        {
            return known;
        }

        var payload = Unseal(token);
        if (read.Count >= CacheCapacity)
        {
            read.Clear();
        }

        read[token] = payload;
        return payload;
    }

    /// <summary>SHA-256 of a secret, hex: how tokens and device identifiers are kept.</summary>
    public static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private TokenPayload? Unseal(string token)
    {
        if (!token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<TokenPayload>(protector.Unprotect(token[Prefix.Length..]), Json);
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or JsonException)
        {
            return null;
        }
    }
}
