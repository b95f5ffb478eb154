// The platform runs on Linux only (Debian packages, POSIX file modes).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
