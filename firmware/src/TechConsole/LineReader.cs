namespace nanoFramework.BMS.TechConsole
{
    /// <summary>
    /// Assembles console lines from a byte stream in a fixed buffer. Handles backspace, drops
    /// other control characters, and marks lines that were too long or held non-text bytes so
    /// the shell answers them with an error instead of guessing.
    /// </summary>
    public sealed class LineReader
    {
        public readonly byte[] Line;
        public int Length;
        public bool TooLong;
        public bool HadBinary;

        private bool _lastWasCarriageReturn;

        public LineReader(int capacity)
        {
            Line = new byte[capacity];
        }

        /// <summary>Feeds one byte; returns true when a complete line is ready in Line/Length.</summary>
        public bool Feed(byte b)
        {
            // CR, LF and CR LF each end one line; the LF after a CR is not a second, empty line.
            if (b == (byte)'\n' && _lastWasCarriageReturn)
            {
                _lastWasCarriageReturn = false;
                return false;
            }

            _lastWasCarriageReturn = b == (byte)'\r';
            if (b == (byte)'\r' || b == (byte)'\n')
                return true;

            if (b == 0x08 || b == 0x7F)
            {
                if (Length > 0 && !TooLong)
                    Length--;
                return false;
            }

            if (b == (byte)'\t')
                b = (byte)' ';

            if (b >= 0x80)
            {
                HadBinary = true;
                return false;
            }

            if (b < 0x20)
                return false;

            if (Length >= Line.Length)
            {
                TooLong = true;
                return false;
            }

            Line[Length++] = b;
            return false;
        }

        /// <summary>Starts the next line; call after handling a completed one.</summary>
        public void Reset()
        {
            Length = 0;
            TooLong = false;
            HadBinary = false;
        }
    }
}
