// The platform runs on Linux only (Debian packages, POSIX file modes, bash resources).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

// Each collection starts a whole platform: one at a time on a 2-core machine, and the fault tests' kills and restarts
// never disturb the other tests.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
