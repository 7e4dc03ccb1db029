using System.Text.Json;
using Command.Domain.AfterAction;
using Command.Domain.Events;
using Command.Domain.Geometry;
using Command.Domain.Reports;

namespace Command.Recording.AfterAction;

/// <summary>
/// Picks unit, fix time, position, what it says of its floor, how far its device's clock (or its receiver's week rollover) was put right, the host and source that took it in and event time out of a recorded position-accepted line without
/// building the event: positions are nearly every line of a session, and the report needs only these values of each.
/// Any line it does not recognise is left to the full decoder.
/// </summary>
internal static class PositionLine
{
    private static readonly byte[] Prefix = "{\"type\":\"position-accepted\",\"report\":{"u8.ToArray();

    public static bool TryParse(ReadOnlySpan<byte> line, out string unitId, out GeoPoint position, out DateTimeOffset fixTime, out DateTimeOffset time, out ReportedFloor floor,
        out double? clockCorrectionS, out TakenIn? takenIn, out int? weekRolloverEras)
    {
        try
        {
            return Read(line, out unitId, out position, out fixTime, out time, out floor, out clockCorrectionS, out takenIn, out weekRolloverEras);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            // A line damaged in place (edited by hand, a bad sector): the full decoder says what is wrong with it, and where.
            (unitId, position, fixTime, time, floor, clockCorrectionS, takenIn, weekRolloverEras) = ("", default, default, default, default, null, null, null);
            return false;
        }
    }

    private static bool Read(ReadOnlySpan<byte> line, out string unitId, out GeoPoint position, out DateTimeOffset fixTime, out DateTimeOffset time, out ReportedFloor floor,
        out double? clockCorrectionS, out TakenIn? takenIn, out int? weekRolloverEras)
    {
        (unitId, position, fixTime, time, floor, clockCorrectionS, takenIn, weekRolloverEras) = ("", default, default, default, default, null, null, null);
        string? receivedBy = null, via = null;
        int? stated = null;
        double? altitude = null, vertical = null;
        AltitudeDatum? datum = null;
        if (!line.StartsWith(Prefix))
        {
            return false;
        }

        var reader = new Utf8JsonReader(line);
        double? latitude = null, longitude = null;
        var found = 0;
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            var depth = reader.CurrentDepth;
            if (depth == 2 && reader.ValueTextEquals("unitId"u8) && reader.Read())
            {
                (unitId, found) = (reader.GetString() ?? "", found | 1);
            }
            else if (depth == 2 && reader.ValueTextEquals("fixTime"u8) && reader.Read())
            {
                (fixTime, found) = (reader.GetDateTimeOffset(), found | 2);
            }
            else if (depth == 2 && reader.ValueTextEquals("floor"u8) && reader.Read())
            {
                stated = reader.TokenType == JsonTokenType.Number ? reader.GetInt32() : null;
            }
            else if (depth == 2 && reader.ValueTextEquals("altitudeM"u8) && reader.Read())
            {
                altitude = reader.TokenType == JsonTokenType.Number ? reader.GetDouble() : null;
            }
            else if (depth == 2 && reader.ValueTextEquals("verticalAccuracyM"u8) && reader.Read())
            {
                vertical = reader.TokenType == JsonTokenType.Number ? reader.GetDouble() : null;
            }
            else if (depth == 2 && reader.ValueTextEquals("clockCorrectionS"u8) && reader.Read())
            {
                clockCorrectionS = reader.TokenType == JsonTokenType.Number ? reader.GetDouble() : null;
            }
            else if (depth == 2 && reader.ValueTextEquals("receivedBy"u8) && reader.Read())
            {
                receivedBy = reader.TokenType == JsonTokenType.String ? HostAddressJson.Read(ref reader) : null;
            }
            else if (depth == 2 && reader.ValueTextEquals("weekRolloverEras"u8) && reader.Read())
            {
                weekRolloverEras = reader.TokenType == JsonTokenType.Number ? reader.GetInt32() : null;
            }
            else if (depth == 2 && reader.ValueTextEquals("via"u8) && reader.Read())
            {
                via = reader.TokenType == JsonTokenType.String ? HostAddressJson.Read(ref reader) : null;
            }
            else if (depth == 2 && reader.ValueTextEquals("altitudeDatum"u8) && reader.Read())
            {
                datum = reader.TokenType == JsonTokenType.String && Enum.TryParse<AltitudeDatum>(reader.GetString(), ignoreCase: true, out var d) ? d : null;
            }
            else if (depth == 3 && reader.ValueTextEquals("latitude"u8) && reader.Read())
            {
                latitude = reader.GetDouble();
            }
            else if (depth == 3 && reader.ValueTextEquals("longitude"u8) && reader.Read())
            {
                longitude = reader.GetDouble();
            }
            else if (depth == 1 && reader.ValueTextEquals("time"u8) && reader.Read())
            {
                (time, found) = (reader.GetDateTimeOffset(), found | 4);
            }
        }

        position = new GeoPoint(latitude ?? double.NaN, longitude ?? double.NaN);
        floor = new ReportedFloor(stated, altitude, datum, vertical);
        takenIn = TakenIn.Of(receivedBy, via);
        return found == 7 && latitude is not null && longitude is not null;
    }
}
