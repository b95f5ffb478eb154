namespace AudioPlatform.Contracts;

/// <summary>
/// A round trip through the bus asked for by an operator (<c>POST /api/v1/ingest/diagnostics/ping</c>),
/// to prove publishing, consuming and trace propagation work end to end.
/// </summary>
public sealed record DiagnosticPingPublished(Guid PingId, string PublishedBy) : IntegrationEvent;
