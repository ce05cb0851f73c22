namespace nanoFramework.BMS.Uplink.Commands
{
    /// <summary>
    /// Reads a JSON command ({"id":..,"cmd":..,"counter":..,"args":{..},"hmac":"hex"}) from a
    /// received buffer. A hand-written scanner with a depth limit and a bounds check on every
    /// byte: whatever arrives, it ends with the command filled in or rejected, never an exception
    /// and never an allocation. Keys, ids and names may not use escape sequences.
    /// </summary>
    public sealed class JsonCommandReader
    {
        private const int MaxDepth = 8;
        private const int MaxDigits = 16;

        private byte[] _b;
        private int _pos;
        private int _end;

        public void Read(byte[] payload, int length, Command command)
        {
            _b = payload;
            _pos = 0;
            _end = length;
            if (!ReadObject(command))
            {
                command.Reject(RejectReason.Malformed);
                return;
            }

            if (command.Kind == CommandKind.TelemetryInterval && command.ArgsLength > 0)
                command.IntervalMs = ReadIntervalArg(command.ArgsOffset, command.ArgsLength);
        }

        private bool ReadObject(Command command)
        {
            SkipSpace();
            if (!Take('{'))
                return false;
            SkipSpace();
            if (Take('}'))
                return AtEnd();
            int seen = 0;
            while (true)
            {
                SkipSpace();
                int keyStart;
                int keyLength;
                if (!ReadPlainString(out keyStart, out keyLength))
                    return false;
                SkipSpace();
                if (!Take(':'))
                    return false;
                SkipSpace();
                int field = CommandField.Of(_b, keyStart, keyLength);
                if ((seen & field) != 0)
                    return false;
                seen |= field;
                if (!ReadField(field, command))
                    return false;
                SkipSpace();
                if (Take(','))
                    continue;
                return Take('}') && AtEnd();
            }
        }

        private bool ReadField(int field, Command command)
        {
            int start;
            int length;
            switch (field)
            {
                case CommandField.Id:
                    return ReadPlainString(out start, out length) && command.SetId(_b, start, length);
                case CommandField.Cmd:
                    return ReadPlainString(out start, out length) && command.SetName(_b, start, length);
                case CommandField.Counter:
                    command.HasCounter = ReadUnsigned(out command.Counter);
                    return command.HasCounter;
                case CommandField.Hmac:
                    command.HasMac = ReadPlainString(out start, out length) && Hex.Decode(_b, start, length, command.Mac);
                    return command.HasMac;
                case CommandField.Args:
                    start = _pos;
                    if (!SkipValue(0))
                        return false;
                    command.ArgsOffset = start;
                    command.ArgsLength = _pos - start;
                    return true;
                default:
                    return SkipValue(0);
            }
        }

        /// <summary>args of telemetry/interval: {"ms":N}; -1 when it is anything else.</summary>
        private long ReadIntervalArg(int offset, int length)
        {
            _pos = offset;
            _end = offset + length;
            long ms = -1;
            if (!Take('{'))
                return -1;
            SkipSpace();
            if (Take('}'))
                return -1;
            while (true)
            {
                SkipSpace();
                int keyStart;
                int keyLength;
                if (!ReadPlainString(out keyStart, out keyLength))
                    return -1;
                SkipSpace();
                if (!Take(':'))
                    return -1;
                SkipSpace();
                if (CommandField.Is(_b, keyStart, keyLength, "ms"))
                {
                    if (ms >= 0 || !ReadUnsigned(out ms))
                        return -1;
                }
                else if (!SkipValue(1))
                {
                    return -1;
                }

                SkipSpace();
                if (Take(','))
                    continue;
                return Take('}') ? ms : -1;
            }
        }

        private bool SkipValue(int depth)
        {
            if (depth > MaxDepth || _pos >= _end)
                return false;
            byte c = _b[_pos];
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

        private bool SkipContainer(int depth, bool isObject)
        {
            char close = isObject ? '}' : ']';
            _pos++;
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
            start = _pos;
            while (_pos < _end)
            {
                byte c = _b[_pos];
                if (c == '"')
                {
                    length = _pos - start;
                    _pos++;
                    return true;
                }

                if (c == '\\' || c < 0x20)
                    return false;
                _pos++;
            }

            return false;
        }

        private bool SkipString()
        {
            if (!Take('"'))
                return false;
            while (_pos < _end)
            {
                byte c = _b[_pos++];
                if (c == '"')
                    return true;
                if (c < 0x20)
                    return false;
                if (c == '\\')
                    _pos++;
            }

            return false;
        }

        private bool SkipNumber()
        {
            int start = _pos;
            while (_pos < _end)
            {
                byte c = _b[_pos];
                if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E')
                    _pos++;
                else
                    break;
            }

            return _pos > start;
        }

        /// <summary>A non-negative whole number of at most 16 digits (no sign, fraction or exponent).</summary>
        private bool ReadUnsigned(out long value)
        {
            value = 0;
            int digits = 0;
            while (_pos < _end && _b[_pos] >= '0' && _b[_pos] <= '9')
            {
                value = value * 10 + (_b[_pos] - '0');
                _pos++;
                if (++digits > MaxDigits)
                    return false;
            }

            if (_pos < _end && (_b[_pos] == '.' || _b[_pos] == 'e' || _b[_pos] == 'E'))
                return false;
            return digits > 0 && value <= CommandField.MaxCounter;
        }

        private bool TakeWord(string word)
        {
            if (_end - _pos < word.Length || !CommandField.Is(_b, _pos, word.Length, word))
                return false;
            _pos += word.Length;
            return true;
        }

        private bool Take(char c)
        {
            if (_pos < _end && _b[_pos] == c)
            {
                _pos++;
                return true;
            }

            return false;
        }

        private void SkipSpace()
        {
            while (_pos < _end && (_b[_pos] == ' ' || _b[_pos] == '\t' || _b[_pos] == '\n' || _b[_pos] == '\r'))
                _pos++;
        }

        private bool AtEnd()
        {
            SkipSpace();
            return _pos == _end;
        }
    }
}
