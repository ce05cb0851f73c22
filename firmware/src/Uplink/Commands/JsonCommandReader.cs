namespace nanoFramework.BMS.Uplink.Commands
{
    /// <summary>
    /// The JSON tokens of a command ({"id":..,"cmd":..,"counter":..,"args":{..},"hmac":"hex"}):
    /// a hand-written scanner with a depth limit and a bounds check on every byte. Keys, ids and
    /// names may not use escape sequences; values that are skipped may.
    /// </summary>
    public sealed class JsonCommandReader : CommandReader
    {
        private const int MaxDigits = 16;

        private bool _firstEntry;
        private bool _mapEnded;

        protected override bool MapEnded
        {
            get { return _mapEnded; }
        }

        protected override bool OpenMap()
        {
            _mapEnded = false;
            _firstEntry = true;
            SkipSpace();
            return Take('{');
        }

        protected override bool NextEntry()
        {
            SkipSpace();
            if (_firstEntry)
            {
                _firstEntry = false;
                _mapEnded = Take('}');
                return !_mapEnded;
            }

            if (Take(','))
                return true;
            _mapEnded = Take('}');
            return false;
        }

        protected override bool ReadKey(out int start, out int length)
        {
            SkipSpace();
            if (!ReadPlainString(out start, out length))
                return false;
            SkipSpace();
            if (!Take(':'))
                return false;
            SkipSpace();
            return true;
        }

        protected override bool ReadText(out int start, out int length)
        {
            return ReadPlainString(out start, out length);
        }

        protected override bool ReadMac(byte[] mac)
        {
            int start;
            int length;
            return ReadPlainString(out start, out length) && Hex.Decode(B, start, length, mac);
        }

        /// <summary>A non-negative whole number of at most 16 digits (no sign, fraction or exponent).</summary>
        protected override bool ReadUnsigned(out long value)
        {
            value = 0;
            int digits = 0;
            while (Pos < End && B[Pos] >= '0' && B[Pos] <= '9')
            {
                value = value * 10 + (B[Pos] - '0');
                Pos++;
                if (++digits > MaxDigits)
                    return false;
            }

            if (Pos < End && (B[Pos] == '.' || B[Pos] == 'e' || B[Pos] == 'E'))
                return false;
            return digits > 0 && value <= CommandField.MaxCounter;
        }

        protected override bool SkipValue(int depth)
        {
            if (depth > MaxDepth || Pos >= End)
                return false;
            byte c = B[Pos];
            if (c == '"')
                return SkipString();
            if (c == '{' || c == '[')
                return SkipContainer(depth, c == '{');
            if (c == 't')
                return TakeWord("true");
            if (c == 'f')
                return TakeWord("false");
            if (c == 'n')
                return TakeWord("null");
            return SkipNumber();
        }

        protected override bool AtEnd()
        {
            SkipSpace();
            return Pos == End;
        }

        private bool SkipContainer(int depth, bool isObject)
        {
            char close = isObject ? '}' : ']';
            Pos++;
            SkipSpace();
            if (Take(close))
                return true;
            while (true)
            {
                SkipSpace();
                if (isObject)
                {
                    if (!SkipString())
                        return false;
                    SkipSpace();
                    if (!Take(':'))
                        return false;
                    SkipSpace();
                }

                if (!SkipValue(depth + 1))
                    return false;
                SkipSpace();
                if (Take(','))
                    continue;
                return Take(close);
            }
        }

        /// <summary>A string without escapes or control characters; start and length exclude the quotes.</summary>
        private bool ReadPlainString(out int start, out int length)
        {
            start = 0;
            length = 0;
            if (!Take('"'))
                return false;
            start = Pos;
            while (Pos < End)
            {
                byte c = B[Pos];
                if (c == '"')
                {
                    length = Pos - start;
                    Pos++;
                    return true;
                }

                if (c == '\\' || c < 0x20)
                    return false;
                Pos++;
            }

            return false;
        }

        private bool SkipString()
        {
            if (!Take('"'))
                return false;
            while (Pos < End)
            {
                byte c = B[Pos++];
                if (c == '"')
                    return true;
                if (c < 0x20)
                    return false;
                if (c == '\\')
                    Pos++;
            }

            return false;
        }

        private bool SkipNumber()
        {
            int start = Pos;
            while (Pos < End)
            {
                byte c = B[Pos];
                if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E')
                    Pos++;
                else
                    break;
            }

            return Pos > start;
        }

        private bool TakeWord(string word)
        {
            if (End - Pos < word.Length || !CommandField.Is(B, Pos, word.Length, word))
                return false;
            Pos += word.Length;
            return true;
        }

        private bool Take(char c)
        {
            if (Pos < End && B[Pos] == c)
            {
                Pos++;
                return true;
            }

            return false;
        }

        private void SkipSpace()
        {
            while (Pos < End && (B[Pos] == ' ' || B[Pos] == '\t' || B[Pos] == '\n' || B[Pos] == '\r'))
                Pos++;
        }
    }
}
