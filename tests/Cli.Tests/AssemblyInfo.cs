// The platform runs on Linux only (Debian packages, POSIX file modes, bash resources).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
