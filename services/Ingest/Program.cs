using AudioPlatform.Ingest.Apis;
using AudioPlatform.Ingest.Extensions;
using AudioPlatform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.UseDefaultAuthentication();
app.MapServiceInfo(ResourceNames.Ingest);
app.MapDiagnosticsApi();
app.MapAudioApi();
app.MapExportApi();
app.Run();
