using AudioPlatform.Gateway.Apis;
using AudioPlatform.Gateway.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.UseSecurityHeaders();
app.UseResponseCompressionForText();
app.MapDefaultEndpoints();
app.UseGatewayPipeline();
app.MapStatusApi();
app.MapBffApi();
app.MapApiDocs();
app.MapReverseProxyWithClearErrors();
app.MapSpaFallback();
app.Run();
