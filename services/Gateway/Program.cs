using AudioPlatform.Gateway.Apis;
using AudioPlatform.Gateway.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapStatusApi();
app.MapReverseProxy();
app.Run();
