namespace nanoFramework.BMS.Uplink
{
    /// <summary>
    /// Exponential backoff with "equal jitter": each failed attempt doubles the ceiling up to the
    /// cap, and the delay is drawn from the upper half of it, so retries spread out but never come
    /// sooner than half the ceiling. Reset on a successful connect.
    /// </summary>
    public sealed class ReconnectBackoff
    {
        private readonly int _firstMs;
        private readonly int _maxMs;
        private readonly DeterministicRandom _random;
        private int _ceilingMs;

        public ReconnectBackoff(int firstMs, int maxMs, DeterministicRandom random)
        {
            _firstMs = firstMs < 1 ? 1 : firstMs;
            _maxMs = maxMs < _firstMs ? _firstMs : maxMs;
            _random = random;
            _ceilingMs = _firstMs;
        }

        /// <summary>The ceiling the next delay is drawn under.</summary>
        public int CeilingMs
        {
            get { return _ceilingMs; }
        }

        /// <summary>Delay before the next attempt after a failure; raises the ceiling for the one after.</summary>
        public int NextDelayMs()
        {
            int half = _ceilingMs / 2;
            int delay = half + _random.Below(_ceilingMs - half + 1);
            _ceilingMs = _ceilingMs > _maxMs / 2 ? _maxMs : _ceilingMs * 2;
            return delay;
        }

        public void Reset()
        {
            _ceilingMs = _firstMs;
        }
    }
}
