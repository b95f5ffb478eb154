namespace AudioPlatform.Storage;

/// <summary>The base of every error the object store reports in its own terms.</summary>
public abstract class ObjectStorageException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A key or prefix that is not allowed (path traversal, leading slash, unsafe characters…).</summary>
public sealed class InvalidObjectKeyException(string key, string reason)
    : ObjectStorageException($"Invalid object key '{key}': {reason}.")
{
    public string Key { get; } = key;

    public string Reason { get; } = reason;
}

public sealed class StoredObjectNotFoundException(string key, Exception? inner = null)
    : ObjectStorageException($"No object is stored under '{key}'.", inner)
{
    public string Key { get; } = key;
}

/// <summary>A range that starts at or past the end of the object (HTTP 416).</summary>
public sealed class ObjectRangeNotSatisfiableException(string key, long offset, long size)
    : ObjectStorageException($"Range starting at {offset} is outside '{key}' ({size} bytes).")
{
    public string Key { get; } = key;

    public long Size { get; } = size;
}

/// <summary>The backend refused the credentials or the request's signature.</summary>
public sealed class ObjectStorageAccessDeniedException(string message, Exception? inner = null)
    : ObjectStorageException(message, inner);

/// <summary>The backend failed in a way no other error describes.</summary>
public sealed class ObjectStorageUnavailableException(string message, Exception? inner = null)
    : ObjectStorageException(message, inner);
