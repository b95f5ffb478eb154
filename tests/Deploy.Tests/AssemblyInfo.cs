// The deployment files, their tools and the AppHost run on Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
