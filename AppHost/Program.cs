using Microsoft.Extensions.Configuration;
using AudioPlatform.AppHost;
using AudioPlatform.ServiceDefaults;

var builder = DistributedApplication.CreateBuilder(args);

var infrastructure = builder.AddPlatformInfrastructure();

// The Gateway's client secret at Identity (the web app's backend-for-frontend): generated for each
// run unless Parameters:spa-bff-client-secret is set; both sides get the same value.
var bffClientSecret = builder.AddParameter("spa-bff-client-secret",
    new GenerateParameterDefault { MinLength = 48, Special = false }, secret: true);

// The key Ingest signs stream links with (the M3U files' links a media player opens without a token): one generated value
// for every Ingest replica, so any of them accepts a link another issued. Parameters:stream-link-signing-key overrides it.
var streamLinkSigningKey = builder.AddParameter("stream-link-signing-key",
    new GenerateParameterDefault { MinLength = 48, Special = false }, secret: true);

// Every service can run several times (--{Service}:Replicas); what replicas must share is in the database, the object
// store or Redis (sessions, key rings, rate-limit windows, Notify's resume streams), never in one process.
var identity = builder.AddProject<Projects.Identity>(ResourceNames.Identity)
    .WithPlatform(infrastructure, infrastructure.IdentityDatabase, infrastructure.SharedState)
    .WithReplicas(builder.Replicas("Identity"))
    .WithEnvironment("Identity__Clients__SpaBff__ClientSecret", bffClientSecret);

// Services that validate tokens fetch Identity's signing keys through service discovery.
var ingest = builder.AddProject<Projects.Ingest>(ResourceNames.Ingest)
    .WithPlatform(infrastructure, infrastructure.ObjectStorage)
    .WithReplicas(builder.Replicas("Ingest"))
    .WithEnvironment("StreamLinks__SigningKey", streamLinkSigningKey)
    .WithReference(identity);

// Analysis replicas are competing consumers of one queue: more of them analyse more tracks at once.
var analysis = builder.AddProject<Projects.Analysis>(ResourceNames.Analysis)
    .WithPlatform(infrastructure, infrastructure.ObjectStorage)
    .WithReference(identity)
    .WithReplicas(builder.Replicas("Analysis"));

var library = builder.AddProject<Projects.Library>(ResourceNames.Library)
    .WithPlatform(infrastructure, infrastructure.LibraryDatabase)
    .WithReplicas(builder.LibraryReplicas(infrastructure))
    .WithReference(identity);

var notify = builder.AddProject<Projects.Notify>(ResourceNames.Notify)
    .WithPlatform(infrastructure, infrastructure.SharedState)
    .WithReplicas(builder.Replicas("Notify"))
    .WithReference(identity);

// The only public entry. A fixed port so the README's URL holds; 0 lets tests pick a free one.
var gatewayPort = builder.Configuration.GetValue("Gateway:Port", 8080);
var gateway = builder.AddProject<Projects.Gateway>(ResourceNames.Gateway)
    .WithEndpoint("http", endpoint => endpoint.Port = gatewayPort == 0 ? null : gatewayPort)
    .WithExternalHttpEndpoints()
    .WithReplicas(builder.Replicas("Gateway"))
    .WithHttpHealthCheck("/health")
    .WithReference(infrastructure.SharedState).WaitFor(infrastructure.SharedState)
    .WithEnvironment("Infra__Mode", infrastructure.ModeName)
    .WithEnvironment("Bff__ClientSecret", bffClientSecret)
    .WithEnvironment("Spa__RootPath", Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "web", "dist")))
    .WithReference(identity).WaitFor(identity)
    .WithReference(ingest).WaitFor(ingest)
    .WithReference(analysis).WaitFor(analysis)
    .WithReference(library).WaitFor(library)
    .WithReference(notify).WaitFor(notify);

builder.WithStageLog(identity, ingest, analysis, library, notify, gateway);

// The browser comes back to the Gateway's own address after signing in and out at Identity.
var gatewayAddress = gateway.GetEndpoint("http");
identity
    .WithEnvironment("Identity__Clients__SpaBff__RedirectUris__0", ReferenceExpression.Create($"{gatewayAddress}/signin-oidc"))
    .WithEnvironment("Identity__Clients__SpaBff__PostLogoutRedirectUris__0", ReferenceExpression.Create($"{gatewayAddress}/signout-callback-oidc"));

builder.Build().Run();
