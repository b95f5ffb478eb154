using AudioPlatform.Notify.Apis;
using AudioPlatform.Notify.Extensions;
using AudioPlatform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.UseDefaultAuthentication();
app.UseWebSockets();
app.MapServiceInfo(ResourceNames.Notify);
app.MapDiagnosticsApi();
app.MapNotificationsApi();
app.Run();
