using System.ComponentModel.DataAnnotations;

namespace AudioPlatform.Storage.Tests;

public sealed class ObjectStorageOptionsTests
{
    [Fact]
    public void A_directory_connection_string_chooses_local_disk()
    {
        var options = ObjectStorageOptions.Parse("Directory=/var/lib/audioplatform/objects");

        Assert.True(options.IsLocalDisk);
        Assert.Equal("/var/lib/audioplatform/objects", options.Directory);
        Assert.Empty(Validate(options));
    }

    [Fact]
    public void An_endpoint_connection_string_chooses_s3_with_its_keys_and_bucket()
    {
        var options = ObjectStorageOptions.Parse("Endpoint=http://localhost:9000;AccessKey=ak;SecretKey=sk;Bucket=audioplatform");

        Assert.False(options.IsLocalDisk);
        Assert.Equal(("http://localhost:9000", "ak", "sk", "audioplatform"), (options.Endpoint, options.AccessKey, options.SecretKey, options.Bucket));
        Assert.Empty(Validate(options));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Endpoint=http://localhost:9000")]
    [InlineData("Endpoint=ftp://localhost;AccessKey=a;SecretKey=b")]
    [InlineData("Directory=/tmp/x;Endpoint=http://localhost:9000;AccessKey=a;SecretKey=b")]
    [InlineData("Endpoint=http://localhost:9000;AccessKey=a;SecretKey=b;Bucket=Not_A_Bucket")]
    public void Incomplete_or_ambiguous_connection_strings_fail_validation(string connectionString)
    {
        Assert.NotEmpty(Validate(ObjectStorageOptions.Parse(connectionString)));
    }

    private static List<ValidationResult> Validate(ObjectStorageOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
