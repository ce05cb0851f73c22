using System;
using System.IO;
using nanoFramework.BMS.Ports;

namespace nanoFramework.BMS.Esp32.Drivers
{
    /// <summary>
    /// The firmware's named blobs as files on the ESP32's internal LittleFS partition (I:\).
    /// A write never replaces a blob in place: the new bytes go to NAME.new, then the old file
    /// steps aside as NAME.old, the new one takes the name, and the old one is deleted. A power
    /// loss at any step leaves either the old blob under its name or, between the two renames,
    /// NAME.old, which Read falls back to: a torn write leaves the old blob. (File.Move will not
    /// overwrite, hence the step aside.) The firmware's own records carry CRCs on top of this.
    /// Paths are built per call: storage is written on faults, logins and saves, not every cycle.
    /// </summary>
    public sealed class FlashFileStorage : IStorage
    {
        private const string NewSuffix = ".new";
        private const string OldSuffix = ".old";

        private readonly string _root;

        /// <param name="root">The directory, e.g. "I:\\".</param>
        public FlashFileStorage(string root)
        {
            _root = root;
        }

        public int Read(string name, byte[] buffer)
        {
            string path = _root + name;
            try
            {
                if (File.Exists(path))
                    return ReadFile(path, buffer);
                if (File.Exists(path + OldSuffix))
                    return ReadFile(path + OldSuffix, buffer);
                return -1;
            }
            catch (Exception)
            {
                return -1;
            }
        }

        public bool Write(string name, byte[] buffer, int length)
        {
            string path = _root + name;
            string fresh = path + NewSuffix;
            string old = path + OldSuffix;
            try
            {
                // A .old without its file is an interrupted replace whose new blob never got the name: keep it as the current one.
                if (!File.Exists(path) && File.Exists(old))
                    File.Move(old, path);
                File.Delete(old);
                File.Delete(fresh);
                using (FileStream stream = new FileStream(fresh, FileMode.CreateNew, FileAccess.Write))
                {
                    stream.Write(buffer, 0, length);
                    stream.Flush();
                }

                if (File.Exists(path))
                    File.Move(path, old);
                File.Move(fresh, path);
                File.Delete(old);
                return true;
            }
            catch (Exception)
            {
                return false;
            }
        }

        private static int ReadFile(string path, byte[] buffer)
        {
            using (FileStream stream = new FileStream(path, FileMode.Open, FileAccess.Read))
            {
                int length = (int)stream.Length;
                int wanted = length < buffer.Length ? length : buffer.Length;
                int read = 0;
                while (read < wanted)
                {
                    int n = stream.Read(buffer, read, wanted - read);
                    if (n <= 0)
                        return -1;
                    read += n;
                }

                return length;
            }
        }
    }
}
