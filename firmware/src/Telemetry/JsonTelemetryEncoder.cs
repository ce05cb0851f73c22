using nanoFramework.BMS.Contactor;
using nanoFramework.BMS.Profile;
using nanoFramework.BMS.Protection;

namespace nanoFramework.BMS.Telemetry
{
    /// <summary>
    /// Writes telemetry and alert messages as JSON (format in docs/telemetry.md) into one reused
    /// buffer. Columns rather than one object per reading: the names are sent once per message.
    /// </summary>
    public sealed class JsonTelemetryEncoder
    {
        public const int SchemaVersion = 1;

        private readonly AsciiWriter _writer;
        private readonly string _packId;

        public JsonTelemetryEncoder(string packId, int capacityBytes)
        {
            _packId = packId;
            _writer = new AsciiWriter(capacityBytes);
        }

        /// <summary>Worst-case size of a telemetry message for a batch of that shape.</summary>
        public static int TelemetryCapacityBytes(int cells, int thermistors, int samples)
        {
            // Per value its widest text plus a comma: "-32768," for shorts, "-2147483648," for ints.
            int perSample = cells * 7 + thermistors * 7 + 12 + 12 + 4 + 5 * 3;
            return 256 + samples * perSample;
        }

        public byte[] Buffer
        {
            get { return _writer.Buffer; }
        }

        public int Length
        {
            get { return _writer.Length; }
        }

        /// <summary>Encodes the batch; returns the length in Buffer.</summary>
        public int EncodeTelemetry(TelemetryBatch batch, int messageSequence, int periodMs, ContactorState contactor, int latchedFaults, LimitMonitor limits, CurrentLimiter currentLimits)
        {
            AsciiWriter w = _writer;
            BeginMessage(messageSequence);
            w.Append(",\"sampleSeq\":");
            w.Append(batch.FirstSequence);
            w.Append(",\"t0Ms\":");
            w.Append(batch.FirstTimeMs);
            w.Append(",\"periodMs\":");
            w.Append(periodMs);
            w.Append(",\"n\":");
            w.Append(batch.Count);
            w.Append(",\"cellMv\":");
            AppendRows(batch.CellMillivolts, 1f, batch.Count, batch.CellCount);
            w.Append(",\"tempDeciC\":");
            AppendRows(batch.Celsius, 10f, batch.Count, batch.ThermistorCount);
            w.Append(",\"currentMa\":");
            AppendColumn(batch.Milliamps, batch.Count);
            w.Append(",\"packMv\":");
            AppendColumn(batch.PackMillivolts, batch.Count);
            w.Append(",\"flags\":[");
            for (int i = 0; i < batch.Count; i++)
            {
                if (i > 0)
                    w.Append(',');
                w.Append((int)batch.Flags[i]);
            }

            w.Append("],\"warnings\":");
            w.Append(limits.Warnings);
            w.Append(",\"alarms\":");
            w.Append(limits.Alarms);
            w.Append(",\"chargeLimitA\":");
            w.AppendFixed(currentLimits.ChargeLimitAmps, 2);
            w.Append(",\"dischargeLimitA\":");
            w.AppendFixed(currentLimits.DischargeLimitAmps, 2);
            EndMessage(contactor, latchedFaults);
            return w.Length;
        }

        public int EncodeAlert(FaultRecord fault, int messageSequence, ContactorState contactor, int latchedFaults)
        {
            AsciiWriter w = _writer;
            BeginMessage(messageSequence);
            w.Append(",\"fault\":\"");
            w.Append(FaultNames.Name(fault.Id));
            w.Append("\",\"code\":");
            w.Append((long)fault.Id);
            w.Append(",\"tier\":\"maximum\",\"critical\":");
            w.Append(FaultNames.IsCritical(fault.Id) ? "true" : "false");
            w.Append(",\"value\":");
            w.AppendFixed(fault.Value, 3);
            w.Append(",\"unit\":\"");
            w.Append(fault.Unit);
            w.Append("\",\"index\":");
            w.Append(fault.Index);
            w.Append(",\"tMs\":");
            w.Append(fault.TimeMs);
            if (fault.Detail != null)
            {
                // Details are firmware constants and exception type names: no JSON escaping needed.
                w.Append(",\"detail\":\"");
                w.Append(fault.Detail);
                w.Append('"');
            }
            EndMessage(contactor, latchedFaults);
            return w.Length;
        }

        private void BeginMessage(int messageSequence)
        {
            AsciiWriter w = _writer;
            w.Clear();
            w.Append("{\"v\":");
            w.Append(SchemaVersion);
            w.Append(",\"pack\":\"");
            w.Append(_packId);
            w.Append("\",\"seq\":");
            w.Append(messageSequence);
        }

        private void EndMessage(ContactorState contactor, int latchedFaults)
        {
            AsciiWriter w = _writer;
            w.Append(",\"contactor\":\"");
            w.Append(ContactorStateNames.Name(contactor));
            w.Append("\",\"faults\":");
            w.Append(latchedFaults);
            w.Append('}');
        }

        /// <summary>
        /// Rows of values times scale, rounded to integers and narrowed to 16 bits as the batch used
        /// to store them (x * 1f is exactly x), so the text is what it always was.
        /// </summary>
        private void AppendRows(float[] values, float scale, int rows, int columns)
        {
            AsciiWriter w = _writer;
            w.Append('[');
            int index = 0;
            for (int row = 0; row < rows; row++)
            {
                if (row > 0)
                    w.Append(',');
                w.Append('[');
                for (int column = 0; column < columns; column++)
                {
                    if (column > 0)
                        w.Append(',');
                    w.Append((short)TelemetryBatch.Round(values[index++] * scale));
                }

                w.Append(']');
            }

            w.Append(']');
        }

        private void AppendColumn(int[] values, int count)
        {
            AsciiWriter w = _writer;
            w.Append('[');
            for (int i = 0; i < count; i++)
            {
                if (i > 0)
                    w.Append(',');
                w.Append(values[i]);
            }

            w.Append(']');
        }
    }
}
