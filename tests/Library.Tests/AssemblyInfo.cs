// The platform runs on Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
