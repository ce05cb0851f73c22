using System;
using System.IO;
using nanoFramework.BMS.Esp32.Board;

namespace nanoFramework.BMS.Esp32.Drivers
{
    /// <summary>Reads the site's board.ini from the flash file system into the board configuration.</summary>
    public static class BoardSettingsFile
    {
        /// <summary>Returns null when the file applied cleanly or does not exist; else what was wrong.</summary>
        public static string Apply(string path, Esp32BoardConfig config)
        {
            try
            {
                if (!File.Exists(path))
                    return null;
                byte[] text = File.ReadAllBytes(path);
                return BoardSettingsText.Apply(text, text.Length, config);
            }
            catch (Exception e)
            {
                return path + " unreadable: " + e.GetType().Name;
            }
        }
    }
}
