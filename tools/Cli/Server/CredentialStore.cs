using System.Text.Json;

namespace AudioPlatform.Cli.Server;

/// <summary>What <c>audioplatform login</c> keeps: the server signed in to and its tokens.</summary>
internal sealed record StoredCredentials(string Server, string AccessToken, string? RefreshToken, DateTimeOffset ExpiresAt, string? Email);

/// <summary>
/// The user's configuration folder for the tool: <c>$XDG_CONFIG_HOME/audioplatform</c>, else <c>~/.config/audioplatform</c>.
/// Created readable by the user only (0700), and every file in it is written 0600 from its creation: tokens are
/// never readable by anyone else, not even for the moment between creating a file and changing its mode.
/// </summary>
internal sealed class ConfigDirectory(string path)
{
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public string Path { get; } = path;

    public static ConfigDirectory ForCurrentUser()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
        var root = !string.IsNullOrEmpty(xdg) && System.IO.Path.IsPathRooted(xdg)
            ? xdg
            : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return new ConfigDirectory(System.IO.Path.Combine(root, "audioplatform"));
    }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public T? Read<T>(string name)
    {
        try
        {
            using var stream = System.IO.File.OpenRead(File(name));
            return JsonSerializer.Deserialize<T>(stream, JsonSerializerOptions.Web);
        }
        catch (FileNotFoundException)
        {
            return default;
        }
        catch (DirectoryNotFoundException)
        {
            return default;
        }
        catch (JsonException)
        {
            // A damaged file is as good as none: the next login or upload writes a fresh one.
            return default;
        }
    }

    /// <summary>
    /// Replaces <paramref name="name"/> at once (a reader sees the old or the new file, never half of one): the new
    /// content goes to a private temporary file created 0600, which is then renamed over the old one.
    /// </summary>
    public void Write<T>(string name, T value)
    {
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(Path);
        else
            Directory.CreateDirectory(Path, PrivateFolder);
        var target = File(name);
        var temporary = $"{target}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
                options.UnixCreateMode = PrivateFile;
            using (var stream = new FileStream(temporary, options))
            {
                JsonSerializer.Serialize(stream, value, JsonSerializerOptions.Web);
                stream.Flush(flushToDisk: true);
            }
            System.IO.File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            System.IO.File.Delete(temporary);
        }
    }

    public bool Delete(string name)
    {
        var path = File(name);
        if (!System.IO.File.Exists(path))
            return false;
        System.IO.File.Delete(path);
        return true;
    }

    /// <summary>
    /// Holds an exclusive lock on <paramref name="name"/> until disposed, waiting for another process that holds it:
    /// refresh tokens are single-use, so two tools refreshing with the same one would revoke the whole sign-in.
    /// </summary>
    public async Task<IDisposable> LockAsync(string name, CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(Path);
        else
            Directory.CreateDirectory(Path, PrivateFolder);
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = PrivateFile;
        var waited = TimeSpan.Zero;
        while (true)
        {
            try
            {
                return new FileStream(File(name), options);
            }
            catch (IOException) when (waited < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
                waited += TimeSpan.FromMilliseconds(100);
            }
        }
    }
}

/// <summary>The stored sign-in: <c>credentials.json</c> in the <see cref="ConfigDirectory"/>.</summary>
internal sealed class CredentialStore(ConfigDirectory directory)
{
    public const string FileName = "credentials.json";

    public string FilePath => directory.File(FileName);

    public StoredCredentials? Load() => directory.Read<StoredCredentials>(FileName);

    public void Save(StoredCredentials credentials) => directory.Write(FileName, credentials);

    public bool Delete() => directory.Delete(FileName);

    public Task<IDisposable> LockForRefreshAsync(CancellationToken cancellationToken) => directory.LockAsync("credentials.lock", cancellationToken);
}
