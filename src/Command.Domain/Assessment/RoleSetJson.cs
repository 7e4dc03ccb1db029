using System.Text.Json;
using System.Text.Json.Serialization;
using Command.Domain.Units;

namespace Command.Domain.Assessment;

/// <summary>
/// Reads and writes a set of roles as a JSON array of their names, as recorded with an incident's options: the
/// serializer cannot make an <see cref="IReadOnlySet{T}"/> by itself.
/// </summary>
public sealed class RoleSetJson : JsonConverter<IReadOnlySet<UnitRole>>
{
    public override IReadOnlySet<UnitRole> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("A set of roles is an array of role names.");
        }

        var roles = new HashSet<UnitRole>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var name = reader.GetString();
            if (!Enum.TryParse<UnitRole>(name, ignoreCase: true, out var role) || !Enum.IsDefined(role))
            {
                throw new JsonException($"'{name}' is not a role.");
            }

            roles.Add(role);
        }

        return roles;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlySet<UnitRole> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var role in value.Order())
        {
            writer.WriteStringValue(role.ToString());
        }

        writer.WriteEndArray();
    }
}
