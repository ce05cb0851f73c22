using nanoFramework.BMS.Config;
using nanoFramework.BMS.Uplink.Security;

namespace nanoFramework.BMS.TechConsole
{
    /// <summary>
    /// Who may change things at the console: a technician who logged in with the PIN. The PIN
    /// is compared as a salted, iterated SHA-256; five wrong PINs lock the console for five
    /// minutes; five minutes without a command log the technician out.
    /// </summary>
    public sealed class TechnicianSession
    {
        public const int MaxFailures = 5;
        public const int LockoutMs = 300000;
        public const int InactivityMs = 300000;
        public const int MinPinLength = 4;
        public const int MaxPinLength = 12;

        // Iterations slow an offline guess of a dumped hash; the lockout stops online guessing.
        private const int HashRounds = 64;

        private readonly ConsoleSecret _secret;
        // The hasher and its output, built at the first PIN check or change and kept from then
        // on (a login must not allocate once it has run: ConsoleFuzzTests). Not at start-up:
        // some 340 bytes for a console most controllers never see.
        private Sha256 _sha;
        private byte[] _candidate;
        private bool _loggedIn;
        private long _lastActivityMs;
        private int _failures;
        private long _lockedUntilMs = long.MinValue;

        public TechnicianSession(ConsoleSecret secret)
        {
            _secret = secret;
        }

        public int Failures
        {
            get { return _failures; }
        }

        /// <summary>Logged in and active; an inactive session ends here.</summary>
        public bool IsLoggedIn(long nowMs)
        {
            if (_loggedIn && nowMs - _lastActivityMs > InactivityMs)
                _loggedIn = false;
            return _loggedIn;
        }

        public void Touch(long nowMs)
        {
            _lastActivityMs = nowMs;
        }

        public bool IsLocked(long nowMs)
        {
            return nowMs < _lockedUntilMs;
        }

        /// <summary>Milliseconds until the lockout ends.</summary>
        public long LockedForMs(long nowMs)
        {
            return _lockedUntilMs - nowMs;
        }

        /// <summary>Returns true when the PIN is right. A locked console does not even check it.</summary>
        public bool Login(byte[] text, int start, int length, long nowMs)
        {
            if (IsLocked(nowMs))
                return false;
            BuildHasher();
            Hash(_sha, _secret.Salt, text, start, length, _candidate);
            if (HmacSha256.FixedTimeEquals(_candidate, 0, _secret.Hash, 0, ConsoleSecret.HashBytes))
            {
                _loggedIn = true;
                _failures = 0;
                _lastActivityMs = nowMs;
                return true;
            }

            _failures++;
            if (_failures >= MaxFailures)
            {
                _lockedUntilMs = nowMs + LockoutMs;
                _failures = 0;
            }

            return false;
        }

        public void Logout()
        {
            _loggedIn = false;
        }

        /// <summary>Null when the bytes are an acceptable PIN, else what is expected.</summary>
        public static string CheckPin(byte[] text, int start, int length)
        {
            if (length < MinPinLength || length > MaxPinLength)
                return "a PIN of 4 to 12 digits";
            for (int i = start; i < start + length; i++)
            {
                if (text[i] < '0' || text[i] > '9')
                    return "a PIN of 4 to 12 digits";
            }

            return null;
        }

        /// <summary>Something unique to the controller, mixed into every new salt; set once at start-up.</summary>
        public string DeviceSerial;

        /// <summary>Stores a new PIN: a fresh salt (from the device, the old hash, the time and the PIN), then the hash.</summary>
        public void SetPin(byte[] text, int start, int length, long nowMs, bool isFactoryDefault)
        {
            BuildHasher();
            _sha.Reset();
            if (DeviceSerial != null)
            {
                for (int i = 0; i < DeviceSerial.Length; i++)
                    _sha.Update((byte)DeviceSerial[i]);
            }

            _sha.Update(_secret.Hash, 0, ConsoleSecret.HashBytes);
            for (int shift = 0; shift < 64; shift += 8)
                _sha.Update((byte)(nowMs >> shift));
            _sha.Update(text, start, length);
            _sha.Final(_candidate, 0);
            for (int i = 0; i < ConsoleSecret.SaltBytes; i++)
                _secret.Salt[i] = _candidate[i];
            Hash(_sha, _secret.Salt, text, start, length, _secret.Hash);
            _secret.IsFactoryDefault = isFactoryDefault;
        }

        private void BuildHasher()
        {
            if (_sha != null)
                return;
            _sha = new Sha256();
            _candidate = new byte[ConsoleSecret.HashBytes];
        }

        /// <summary>SHA-256 of salt and PIN, rehashed with the PIN HashRounds times.</summary>
        public static void Hash(Sha256 sha, byte[] salt, byte[] pin, int start, int length, byte[] output)
        {
            sha.Reset();
            sha.Update(salt, 0, ConsoleSecret.SaltBytes);
            sha.Update(pin, start, length);
            sha.Final(output, 0);
            for (int round = 1; round < HashRounds; round++)
            {
                sha.Reset();
                sha.Update(output, 0, ConsoleSecret.HashBytes);
                sha.Update(pin, start, length);
                sha.Final(output, 0);
            }
        }
    }
}
