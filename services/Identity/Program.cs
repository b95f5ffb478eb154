using AudioPlatform.Identity.Apis;
using AudioPlatform.Identity.Extensions;
using AudioPlatform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.UseSignInPipeline();
app.MapServiceInfo(ResourceNames.Identity);
app.MapConnectApi();
app.MapAuthApi();
app.MapRevocationApi();
app.MapRazorPages();
app.Run();
