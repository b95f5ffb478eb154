using AudioPlatform.Analysis.Apis;
using AudioPlatform.Analysis.Extensions;
using AudioPlatform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.UseDefaultAuthentication();
app.MapServiceInfo(ResourceNames.Analysis);
app.MapDerivedApi();
app.Run();
