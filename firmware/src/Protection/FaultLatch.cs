using nanoFramework.BMS.Profile;

namespace nanoFramework.BMS.Protection
{
    /// <summary>
    /// One preallocated record per fault id. A latched fault keeps the contactor open until a
    /// clear request finds its condition gone.
    /// </summary>
    public sealed class FaultLatch
    {
        private readonly FaultRecord[] _records = new FaultRecord[FaultNames.MaxCode + 1];
        private int _latchedCount;

        public FaultLatch()
        {
            for (int i = 0; i < _records.Length; i++)
            {
                _records[i] = new FaultRecord();
                _records[i].Id = (FaultId)i;
                _records[i].Index = -1;
            }
        }

        public int LatchedCount
        {
            get { return _latchedCount; }
        }

        public bool AnyLatched
        {
            get { return _latchedCount > 0; }
        }

        public int Capacity
        {
            get { return _records.Length; }
        }

        /// <summary>The record of a fault id; records that are not latched are also returned.</summary>
        public FaultRecord Get(FaultId id)
        {
            return _records[(int)id];
        }

        public FaultRecord At(int code)
        {
            return _records[code];
        }

        /// <summary>Latches the fault; returns true only when it was not latched already (so it is new).</summary>
        public bool Latch(FaultId id, float value, int index, long timeMs)
        {
            FaultRecord record = _records[(int)id];
            record.ConditionActive = true;
            if (record.Latched)
                return false;
            record.Latched = true;
            record.Value = value;
            record.Index = index;
            record.TimeMs = timeMs;
            record.Detail = null;
            record.Reported = false;
            _latchedCount++;
            return true;
        }

        /// <summary>
        /// Latches a fault that is an event rather than a lasting condition (an exception, a damaged
        /// blob): nothing can be seen to go away, so it can be cleared as soon as someone asks.
        /// </summary>
        public bool LatchEvent(FaultId id, int index, long timeMs, string detail)
        {
            bool isNew = Latch(id, 0f, index, timeMs);
            FaultRecord record = _records[(int)id];
            if (isNew)
                record.Detail = detail;
            record.ConditionActive = false;
            return isNew;
        }

        /// <summary>Unlatches every fault whose condition is gone; returns how many stay latched.</summary>
        public int ClearInactive()
        {
            for (int i = 0; i < _records.Length; i++)
            {
                FaultRecord record = _records[i];
                if (record.Latched && !record.ConditionActive)
                {
                    record.Latched = false;
                    _latchedCount--;
                }
            }

            return _latchedCount;
        }
    }
}
