using nanoFramework.BMS.Contactor;
using nanoFramework.BMS.Estimation;
using nanoFramework.BMS.Telemetry;
using nanoFramework.BMS.Uplink.Encoding;

namespace nanoFramework.BMS.Uplink
{
    /// <summary>
    /// Telemetry messages, schema version 2 (docs/mqtt.md), through either payload writer.
    /// Samples mode sends each channel as a column, the first sample absolute and every later
    /// one as the difference to the same channel one sample earlier: cell voltages move by a
    /// millivolt or two between samples at 10-100 Hz, so most values take one CBOR byte or two
    /// JSON characters. Every message starts absolute, so a lost message never breaks the next.
    /// </summary>
    public sealed class TelemetryComposer
    {
        public const string ModeSamples = "samples";
        public const string ModeAggregate = "agg";

        private readonly string _packId;
        private readonly MessageFields _fields;

        // Each column's rounded value one row up, while delta-coding a matrix: samples mode only.
        private readonly int[] _previous;

        // The keys, encoded once: a telemetry message has about thirty.
        private readonly PayloadKey _seq = new PayloadKey("seq");
        private readonly PayloadKey _mode = new PayloadKey("mode");
        private readonly PayloadKey _sampleSeq = new PayloadKey("sampleSeq");
        private readonly PayloadKey _t0Ms = new PayloadKey("t0Ms");
        private readonly PayloadKey _periodMs = new PayloadKey("periodMs");
        private readonly PayloadKey _n = new PayloadKey("n");
        private readonly PayloadKey _stride = new PayloadKey("stride");
        private readonly PayloadKey _windowMs = new PayloadKey("windowMs");
        private readonly PayloadKey _cells = new PayloadKey("cells");
        private readonly PayloadKey _temps = new PayloadKey("temps");
        private readonly PayloadKey _cellMv = new PayloadKey("cellMv");
        private readonly PayloadKey _tempDeciC = new PayloadKey("tempDeciC");
        private readonly PayloadKey _currentMa = new PayloadKey("currentMa");
        private readonly PayloadKey _packMv = new PayloadKey("packMv");
        private readonly PayloadKey _flags = new PayloadKey("flags");
        private readonly PayloadKey _min = new PayloadKey("min");
        private readonly PayloadKey _max = new PayloadKey("max");
        private readonly PayloadKey _mean = new PayloadKey("mean");
        private readonly PayloadKey _any = new PayloadKey("any");
        private readonly PayloadKey _all = new PayloadKey("all");

        private readonly StateEstimator _estimator;
        private readonly int _entries;

        /// <summary>
        /// For a pack of that many cells and temperature sensors; estimator is the source of the
        /// "battery" entry, null for telemetry without one. The message fields are the event
        /// composer's too: their keys never change, so one set serves every message. Only what
        /// the mode writes is allocated (an aggregate needs no delta row).
        /// </summary>
        public TelemetryComposer(string packId, int cells, int thermistors, StateEstimator estimator, MessageFields fields, TelemetryMode mode)
        {
            _packId = packId;
            _fields = fields;
            _estimator = estimator;
            _entries = estimator == null ? 18 : 19;
            if (mode == TelemetryMode.Samples)
                _previous = new int[cells > thermistors ? cells : thermistors];
        }

        /// <summary>
        /// Samples from..from+count-1 of the batch. periodMs is the spacing of the samples in the
        /// batch (the sample period times the stride); every sample carries the batch's stride in sequence numbers.
        /// </summary>
        public void WriteSamples(PayloadWriter w, TelemetryBatch batch, int from, int count, int stride, int messageSequence, int periodMs, ContactorState contactor, int latchedFaults)
        {
            w.BeginMap(_entries);
            Header(w, messageSequence, ModeSamples, batch.FirstSequence + from * stride, batch.FirstTimeMs + (long)from * periodMs, periodMs, count);
            Shape(w, _stride, stride, batch.CellCount, batch.ThermistorCount);
            w.Key(_cellMv);
            DeltaColumns(w, batch.CellMillivolts, 1f, from, count, batch.CellCount);
            w.Key(_tempDeciC);
            DeltaColumns(w, batch.Celsius, 10f, from, count, batch.ThermistorCount);
            w.Key(_currentMa);
            DeltaColumn(w, batch.Milliamps, from, count);
            w.Key(_packMv);
            DeltaColumn(w, batch.PackMillivolts, from, count);
            w.Key(_flags);
            w.BeginArray(count);
            int previous = 0;
            for (int i = from; i < from + count; i++)
            {
                w.Int(batch.Flags[i] - previous);
                previous = batch.Flags[i];
            }

            w.EndArray();
            if (_estimator != null)
                BatteryFields.Write(w, _estimator);
            _fields.State(w, contactor, latchedFaults);
            w.EndMap();
        }

        public void WriteAggregate(PayloadWriter w, AggregateWindow window, int messageSequence, int periodMs, int windowMs, ContactorState contactor, int latchedFaults)
        {
            w.BeginMap(_entries);
            Header(w, messageSequence, ModeAggregate, window.FirstSequence, window.FirstTimeMs, periodMs, window.Count);
            Shape(w, _windowMs, windowMs, window.CellCount, window.ThermistorCount);
            w.Key(_cellMv);
            Statistics(w, window, window.CellMin, window.CellMax, window.CellSum);
            w.Key(_tempDeciC);
            Statistics(w, window, window.DeciCelsiusMin, window.DeciCelsiusMax, window.DeciCelsiusSum);
            w.Key(_currentMa);
            Statistics(w, window.MilliampsMin, window.MilliampsMax, window.Mean(window.MilliampsSum));
            w.Key(_packMv);
            Statistics(w, window.PackMillivoltsMin, window.PackMillivoltsMax, window.Mean(window.PackMillivoltsSum));
            w.Key(_flags);
            w.BeginMap(2);
            w.Key(_any);
            w.Int(window.FlagsAny);
            w.Key(_all);
            w.Int(window.FlagsAll);
            w.EndMap();
            if (_estimator != null)
                BatteryFields.Write(w, _estimator);
            _fields.State(w, contactor, latchedFaults);
            w.EndMap();
        }

        /// <summary>Worst-case bytes of one sample in samples mode, for sizing and splitting.</summary>
        public static int WorstCaseSampleBytes(int cells, int thermistors, PayloadFormat format)
        {
            // A short's delta spans -65535..65535: "-65535," in JSON, 3 bytes in CBOR; ints 12 and 5.
            return format == PayloadFormat.Json
                ? (cells + thermistors) * 7 + 2 * 12 + 5
                : (cells + thermistors) * 3 + 2 * 5 + 2;
        }

        /// <summary>Everything in a telemetry message but the samples, generously (the battery entry included).</summary>
        public const int EnvelopeBytes = 384 + BatteryFields.MaxBytes;

        private void Header(PayloadWriter w, int messageSequence, string mode, long sampleSequence, long t0Ms, int periodMs, int count)
        {
            _fields.Envelope(w, _packId);
            w.Key(_seq);
            w.Int(messageSequence);
            w.Key(_mode);
            w.Text(mode);
            w.Key(_sampleSeq);
            w.Int(sampleSequence);
            w.Key(_t0Ms);
            w.Int(t0Ms);
            w.Key(_periodMs);
            w.Int(periodMs);
            w.Key(_n);
            w.Int(count);
        }

        /// <summary>The mode's own entry (stride or windowMs), then the channel counts.</summary>
        private void Shape(PayloadWriter w, PayloadKey modeKey, int modeValue, int cells, int temps)
        {
            w.Key(modeKey);
            w.Int(modeValue);
            w.Key(_cells);
            w.Int(cells);
            w.Key(_temps);
            w.Int(temps);
        }

        /// <summary>
        /// Rows of a sample-major matrix, flattened, each value scaled and rounded to an integer
        /// (mV, tenths of a °C; TelemetryBatch.Round, inline), then minus the same column's
        /// rounded value one row up. Each value is rounded once: the row above is remembered.
        /// </summary>
        private void DeltaColumns(PayloadWriter w, float[] values, float scale, int fromRow, int rows, int columns)
        {
            int count = rows * columns;
            w.BeginArray(count);
            int[] previous = _previous;
            int i = fromRow * columns;
            int end = i + count;
            int firstRowEnd = i + columns < end ? i + columns : end;
            int column = 0;
            for (; i < firstRowEnd; i++)
            {
                // A product goes through a float local, as it went through Round's float parameter.
                float scaled = values[i] * scale;
                int value = (int)(scaled < 0f ? scaled - 0.5f : scaled + 0.5f);
                previous[column++] = value;
                w.Int(value);
            }

            column = 0;
            for (; i < end; i++)
            {
                float scaled = values[i] * scale;
                int value = (int)(scaled < 0f ? scaled - 0.5f : scaled + 0.5f);
                w.Int(value - previous[column]);
                previous[column] = value;
                if (++column == columns)
                    column = 0;
            }

            w.EndArray();
        }

        private static void DeltaColumn(PayloadWriter w, int[] values, int from, int count)
        {
            w.BeginArray(count);
            for (int i = from; i < from + count; i++)
                w.Int(i == from ? values[i] : (long)values[i] - values[i - 1]);
            w.EndArray();
        }

        private void Statistics(PayloadWriter w, AggregateWindow window, int[] min, int[] max, long[] sum)
        {
            int channels = min.Length;
            w.BeginMap(3);
            w.Key(_min);
            Integers(w, min, channels);
            w.Key(_max);
            Integers(w, max, channels);
            w.Key(_mean);
            w.BeginArray(channels);

            // AggregateWindow.Mean, inline, with the window's count and half of it in locals.
            long count = window.Count;
            long half = count / 2;
            for (int i = 0; i < channels; i++)
            {
                long total = sum[i];
                w.Int(count == 0 ? 0 : (int)(total >= 0 ? (total + half) / count : (total - half) / count));
            }

            w.EndArray();
            w.EndMap();
        }

        private static void Integers(PayloadWriter w, int[] values, int count)
        {
            w.BeginArray(count);
            for (int i = 0; i < count; i++)
                w.Int(values[i]);
            w.EndArray();
        }

        private void Statistics(PayloadWriter w, int min, int max, int mean)
        {
            w.BeginMap(3);
            w.Key(_min);
            w.Int(min);
            w.Key(_max);
            w.Int(max);
            w.Key(_mean);
            w.Int(mean);
            w.EndMap();
        }
    }
}
