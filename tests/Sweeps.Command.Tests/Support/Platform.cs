// The command job runs programs in process groups: Linux (and other Unix) only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
