// The platform runs on Linux only (Debian packages, POSIX file modes, bash resources).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

// The journey starts a whole platform and a browser: one test at a time on a 2-core machine.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
