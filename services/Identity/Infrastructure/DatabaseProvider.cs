using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AudioPlatform.Identity.Infrastructure;

public enum DatabaseKind
{
    Sqlite,
    PostgreSql,
}

/// <summary>
/// One model, two providers: the connection string Aspire injects says which. <c>Data Source=...</c>
/// is a SQLite file (local mode), <c>Host=...</c> a PostgreSQL server (containers mode).
/// </summary>
public sealed record DatabaseProvider(DatabaseKind Kind, string ConnectionString)
{
    public static DatabaseProvider FromConnectionString(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                "ConnectionStrings:identitydb is not set. Start the platform through the AppHost, or set it to " +
                "'Data Source=<file>' (SQLite) or 'Host=...;Database=...' (PostgreSQL).");
        }

        var keys = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2)[0].Trim())
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

        if (keys.Contains("Data Source") || keys.Contains("DataSource") || keys.Contains("Filename"))
        {
            return new(DatabaseKind.Sqlite, connectionString);
        }

        if (keys.Contains("Host") || keys.Contains("Server"))
        {
            return new(DatabaseKind.PostgreSql, connectionString);
        }

        throw new InvalidOperationException(
            "ConnectionStrings:identitydb is neither a SQLite ('Data Source=...') nor a PostgreSQL ('Host=...') connection string.");
    }

    /// <summary>The SQLite file's folder; null for PostgreSQL or an in-memory database.</summary>
    public string? DataDirectory
    {
        get
        {
            if (Kind != DatabaseKind.Sqlite)
            {
                return null;
            }

            var file = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
            return string.IsNullOrEmpty(file) || file == ":memory:" ? null : Path.GetDirectoryName(Path.GetFullPath(file));
        }
    }

    public void Configure(DbContextOptionsBuilder options)
    {
        _ = Kind switch
        {
            DatabaseKind.Sqlite => options.UseSqlite(ConnectionString),
            _ => options.UseNpgsql(ConnectionString),
        };
        options.UseOpenIddict();
    }

    /// <summary>Creates the SQLite file's folder, so that a first start on a clean machine works.</summary>
    public void PrepareStorage()
    {
        if (DataDirectory is { } directory)
        {
            Directory.CreateDirectory(directory);
        }
    }

    public string Describe()
    {
        if (Kind == DatabaseKind.Sqlite)
        {
            return $"SQLite at {new SqliteConnectionStringBuilder(ConnectionString).DataSource}";
        }

        var server = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"PostgreSQL at {server.Host}:{server.Port}/{server.Database}";
    }
}
