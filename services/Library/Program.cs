using AudioPlatform.Library.Apis;
using AudioPlatform.Library.Extensions;
using AudioPlatform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.UseDefaultAuthentication();
app.MapServiceInfo(ResourceNames.Library);
app.MapTracksApi();
app.MapLibraryApi();
app.MapMixingApi();
app.MapReanalysisApi();
app.MapCorrectionsApi();
app.MapPlaylistsApi();
app.Run();
