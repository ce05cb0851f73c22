using nanoFramework.BMS.Profile;
using nanoFramework.BMS.Uplink;

namespace nanoFramework.BMS.Config
{
    /// <summary>Everything a site sets, in one record: the pack profile with its limit table and calibration, the uplink settings and the console secret.</summary>
    public sealed class ConfigRecord
    {
        public PackProfile Profile;
        public ConsoleSecret Secret = new ConsoleSecret();

        /// <summary>Topic prefix, payload format, queues, command key, reconnect: the MQTT side a site sets.</summary>
        public UplinkSettings Uplink = new UplinkSettings();

        /// <summary>Null when the record can run, else one message listing every violation.</summary>
        public string Validate()
        {
            string profile = Profile.Validate();
            string uplink = Uplink.Check();
            if (uplink.Length == 0)
                return profile;
            return (profile == null ? "invalid configuration: " + uplink.Substring(2) : profile + uplink);
        }

        /// <summary>Counts up with every save; the newer of the two slots wins at load.</summary>
        public int Sequence;
    }
}
