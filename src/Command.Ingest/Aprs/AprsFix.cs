namespace Command.Ingest.Aprs;

/// <summary>A decoded APRS position before it becomes a report; speed in knots as APRS states it.</summary>
internal readonly record struct AprsFix(double Latitude, double Longitude, double? AccuracyM, double? CourseDeg, double? SpeedKnots, double? AltitudeM);
