using System.ComponentModel.DataAnnotations;
using System.Data.Common;

namespace AudioPlatform.Storage;

/// <summary>
/// Where objects live, read from <c>ConnectionStrings:objects</c>: <c>Directory=&lt;path&gt;</c> for local disk,
/// or <c>Endpoint=http://host:port;AccessKey=…;SecretKey=…;Bucket=…</c> for an S3 server.
/// </summary>
public sealed class ObjectStorageOptions : IValidatableObject
{
    public string? Directory { get; set; }

    public string? Endpoint { get; set; }

    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    [RegularExpression("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", ErrorMessage = "Bucket must be a valid S3 bucket name.")]
    public string Bucket { get; set; } = "audioplatform";

    public string Region { get; set; } = "us-east-1";

    public bool IsLocalDisk => !string.IsNullOrWhiteSpace(Directory);

    public static ObjectStorageOptions Parse(string connectionString)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        string? Value(string name) => builder.TryGetValue(name, out var value) ? value?.ToString() : null;
        var options = new ObjectStorageOptions
        {
            Directory = Value("Directory"),
            Endpoint = Value("Endpoint"),
            AccessKey = Value("AccessKey"),
            SecretKey = Value("SecretKey"),
        };
        if (Value("Bucket") is { Length: > 0 } bucket)
        {
            options.Bucket = bucket;
        }

        if (Value("Region") is { Length: > 0 } region)
        {
            options.Region = region;
        }

        return options;
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var hasDirectory = !string.IsNullOrWhiteSpace(Directory);
        var hasEndpoint = !string.IsNullOrWhiteSpace(Endpoint);
        if (hasDirectory == hasEndpoint)
        {
            yield return new ValidationResult(
                "The object storage connection string needs exactly one of Directory=<path> or Endpoint=<http(s) URL>.",
                [nameof(Directory), nameof(Endpoint)]);
        }

        if (hasEndpoint)
        {
            if (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                yield return new ValidationResult($"Endpoint '{Endpoint}' is not an http(s) URL.", [nameof(Endpoint)]);
            }

            if (string.IsNullOrEmpty(AccessKey) || string.IsNullOrEmpty(SecretKey))
            {
                yield return new ValidationResult("An S3 endpoint needs AccessKey and SecretKey.", [nameof(AccessKey), nameof(SecretKey)]);
            }
        }
    }
}
