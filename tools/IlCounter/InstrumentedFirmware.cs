namespace nanoFramework.BMS.IlCounter;

/// <summary>The rewritten firmware image, the build configuration it came from and the names behind its counter indexes.</summary>
public sealed record InstrumentedFirmware(string AssemblyName, string Configuration, byte[] Image, string[] Methods, string[] CallOutTargets);
