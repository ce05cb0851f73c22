using System.Reflection;

[assembly: AssemblyTitle("nanoFramework.BMS.Esp32")]
[assembly: AssemblyDescription("Battery-management firmware for ESP32 pack controllers")]
[assembly: AssemblyProduct("nanoFramework.BMS")]
[assembly: AssemblyVersion("0.5.0.0")]
