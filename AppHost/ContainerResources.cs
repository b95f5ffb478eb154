using Aspire.Hosting.ApplicationModel;

namespace AudioPlatform.AppHost;

/// <summary>MongoDB as a container (no hosting integration for it is served here).</summary>
public sealed class MongoDbContainerResource(string name) : ContainerResource(name), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";

    public EndpointReference Endpoint => new(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"mongodb://{Endpoint.Property(EndpointProperty.Host)}:{Endpoint.Property(EndpointProperty.Port)}/audioplatform?directConnection=true");
}

/// <summary>MinIO as a container; the connection string carries the S3 endpoint and keys.</summary>
public sealed class MinioContainerResource(string name, ParameterResource accessKey, ParameterResource secretKey)
    : ContainerResource(name), IResourceWithConnectionString
{
    public const string EndpointName = "http";

    public ParameterResource AccessKey { get; } = accessKey;

    public ParameterResource SecretKey { get; } = secretKey;

    public EndpointReference Endpoint => new(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Endpoint=http://{Endpoint.Property(EndpointProperty.Host)}:{Endpoint.Property(EndpointProperty.Port)};AccessKey={AccessKey};SecretKey={SecretKey};Bucket=audioplatform");
}
