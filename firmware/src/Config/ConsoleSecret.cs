namespace nanoFramework.BMS.Config
{
    /// <summary>The technician PIN, kept only as a salted hash.</summary>
    public sealed class ConsoleSecret
    {
        public const int SaltBytes = 8;
        public const int HashBytes = 32;

        public readonly byte[] Salt = new byte[SaltBytes];
        public readonly byte[] Hash = new byte[HashBytes];

        /// <summary>True while the PIN is still the board's factory default: status says so.</summary>
        public bool IsFactoryDefault;
    }
}
