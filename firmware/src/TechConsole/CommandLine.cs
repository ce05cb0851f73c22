namespace nanoFramework.BMS.TechConsole
{
    /// <summary>A console line split into space-separated words, as offsets into the line buffer (no strings).</summary>
    public sealed class CommandLine
    {
        public const int MaxWords = 6;

        public byte[] Text;
        public int WordCount;

        /// <summary>True when the line had more words than MaxWords.</summary>
        public bool TooManyWords;

        private readonly int[] _starts = new int[MaxWords];
        private readonly int[] _lengths = new int[MaxWords];

        public void Parse(byte[] text, int length)
        {
            Text = text;
            WordCount = 0;
            TooManyWords = false;
            int i = 0;
            while (i < length)
            {
                while (i < length && text[i] == (byte)' ')
                    i++;
                if (i >= length)
                    break;
                int start = i;
                while (i < length && text[i] != (byte)' ')
                    i++;
                if (WordCount == MaxWords)
                {
                    TooManyWords = true;
                    return;
                }

                _starts[WordCount] = start;
                _lengths[WordCount] = i - start;
                WordCount++;
            }
        }

        public int Start(int word)
        {
            return _starts[word];
        }

        public int WordLength(int word)
        {
            return _lengths[word];
        }

        /// <summary>Case-insensitive comparison of a word with a lower-case keyword.</summary>
        public bool Is(int word, string keyword)
        {
            if (word >= WordCount || _lengths[word] != keyword.Length)
                return false;
            int start = _starts[word];
            for (int i = 0; i < keyword.Length; i++)
            {
                int c = Text[start + i];
                if (c >= 'A' && c <= 'Z')
                    c += 'a' - 'A';
                if (c != keyword[i])
                    return false;
            }

            return true;
        }
    }
}
