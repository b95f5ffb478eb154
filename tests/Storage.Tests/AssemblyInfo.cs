// The platform runs on Linux only (Debian packages, POSIX processes and signals).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
