using Microsoft.Extensions.Configuration;
using AudioPlatform.AppHost;
using AudioPlatform.ServiceDefaults;

var builder = DistributedApplication.CreateBuilder(args);

var infrastructure = builder.AddPlatformInfrastructure();

var identity = builder.AddProject<Projects.Identity>(ResourceNames.Identity)
    .WithPlatform(infrastructure, infrastructure.IdentityDatabase);

// Services that validate tokens fetch Identity's signing keys through service discovery.
var ingest = builder.AddProject<Projects.Ingest>(ResourceNames.Ingest)
    .WithPlatform(infrastructure, infrastructure.ObjectStorage)
    .WithReference(identity);

var analysis = builder.AddProject<Projects.Analysis>(ResourceNames.Analysis)
    .WithPlatform(infrastructure, infrastructure.ObjectStorage);

var library = builder.AddProject<Projects.Library>(ResourceNames.Library)
    .WithPlatform(infrastructure, infrastructure.LibraryDatabase)
    .WithReference(identity);

var notify = builder.AddProject<Projects.Notify>(ResourceNames.Notify)
    .WithPlatform(infrastructure)
    .WithReference(identity);

// The only public entry. A fixed port so the README's URL holds; 0 lets tests pick a free one.
var gatewayPort = builder.Configuration.GetValue("Gateway:Port", 8080);
builder.AddProject<Projects.Gateway>(ResourceNames.Gateway)
    .WithEndpoint("http", endpoint => endpoint.Port = gatewayPort == 0 ? null : gatewayPort)
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health")
    .WithEnvironment("Infra__Mode", infrastructure.ModeName)
    .WithReference(identity).WaitFor(identity)
    .WithReference(ingest).WaitFor(ingest)
    .WithReference(analysis).WaitFor(analysis)
    .WithReference(library).WaitFor(library)
    .WithReference(notify).WaitFor(notify);

builder.Build().Run();
