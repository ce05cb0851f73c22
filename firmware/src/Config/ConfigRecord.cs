using nanoFramework.BMS.Profile;

namespace nanoFramework.BMS.Config
{
    /// <summary>Everything a site sets, in one record: the pack profile with its limit table and calibration, and the console secret.</summary>
    public sealed class ConfigRecord
    {
        public PackProfile Profile;
        public ConsoleSecret Secret = new ConsoleSecret();

        /// <summary>Counts up with every save; the newer of the two slots wins at load.</summary>
        public int Sequence;
    }
}
