using nanoFramework.BMS.Contactor;
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

        public TelemetryComposer(string packId)
        {
            _packId = packId;
        }

        /// <summary>
        /// Samples from..from+count-1 of the batch. periodMs is the spacing of the samples in the
        /// batch (the sample period times the stride); every sample carries the batch's stride in sequence numbers.
        /// </summary>
        public void WriteSamples(PayloadWriter w, TelemetryBatch batch, int from, int count, int stride, int messageSequence, int periodMs, ContactorState contactor, int latchedFaults)
        {
            w.BeginMap(18);
            Header(w, messageSequence, ModeSamples, batch.FirstSequence + from * stride, batch.FirstTimeMs + (long)from * periodMs, periodMs, count);
            Shape(w, "stride", stride, batch.CellCount, batch.ThermistorCount);
            w.Key("cellMv");
            DeltaColumns(w, batch.CellMillivolts, 1f, from, count, batch.CellCount);
            w.Key("tempDeciC");
            DeltaColumns(w, batch.Celsius, 10f, from, count, batch.ThermistorCount);
            w.Key("currentMa");
            DeltaColumn(w, batch.Milliamps, from, count);
            w.Key("packMv");
            DeltaColumn(w, batch.PackMillivolts, from, count);
            w.Key("flags");
            w.BeginArray(count);
            int previous = 0;
            for (int i = from; i < from + count; i++)
            {
                w.Int(batch.Flags[i] - previous);
                previous = batch.Flags[i];
            }

            w.EndArray();
            MessageFields.State(w, contactor, latchedFaults);
            w.EndMap();
        }

        public void WriteAggregate(PayloadWriter w, AggregateWindow window, int messageSequence, int periodMs, int windowMs, ContactorState contactor, int latchedFaults)
        {
            w.BeginMap(18);
            Header(w, messageSequence, ModeAggregate, window.FirstSequence, window.FirstTimeMs, periodMs, window.Count);
            Shape(w, "windowMs", windowMs, window.CellCount, window.ThermistorCount);
            w.Key("cellMv");
            Statistics(w, window, window.CellMin, window.CellMax, window.CellSum);
            w.Key("tempDeciC");
            Statistics(w, window, window.DeciCelsiusMin, window.DeciCelsiusMax, window.DeciCelsiusSum);
            w.Key("currentMa");
            Statistics(w, window.MilliampsMin, window.MilliampsMax, window.Mean(window.MilliampsSum));
            w.Key("packMv");
            Statistics(w, window.PackMillivoltsMin, window.PackMillivoltsMax, window.Mean(window.PackMillivoltsSum));
            w.Key("flags");
            w.BeginMap(2);
            w.Key("any");
            w.Int(window.FlagsAny);
            w.Key("all");
            w.Int(window.FlagsAll);
            w.EndMap();
            MessageFields.State(w, contactor, latchedFaults);
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

        /// <summary>
        /// Worst-case bytes of an aggregate message's statistics, for sizing the slots: min, max
        /// and mean per channel, three each for current and pack voltage, two flag words, every
        /// one a full int ("-2147483648," in JSON, 5 bytes in CBOR), and the nested maps' keys.
        /// </summary>
        public static int WorstCaseAggregateBytes(int cells, int thermistors, PayloadFormat format)
        {
            int values = (cells + thermistors) * 3 + 3 + 3 + 2;
            return values * (format == PayloadFormat.Json ? 12 : 5) + AggregateKeyBytes;
        }

        /// <summary>The "min", "max", "mean", "any" and "all" keys with their brackets, in JSON (CBOR needs fewer).</summary>
        private const int AggregateKeyBytes = 128;

        /// <summary>Everything in a telemetry message but the samples, generously.</summary>
        public const int EnvelopeBytes = 384;

        private void Header(PayloadWriter w, int messageSequence, string mode, long sampleSequence, long t0Ms, int periodMs, int count)
        {
            MessageFields.Envelope(w, _packId);
            w.Key("seq");
            w.Int(messageSequence);
            w.Key("mode");
            w.Text(mode);
            w.Key("sampleSeq");
            w.Int(sampleSequence);
            w.Key("t0Ms");
            w.Int(t0Ms);
            w.Key("periodMs");
            w.Int(periodMs);
            w.Key("n");
            w.Int(count);
        }

        /// <summary>The mode's own entry (stride or windowMs), then the channel counts.</summary>
        private static void Shape(PayloadWriter w, string modeKey, int modeValue, int cells, int temps)
        {
            w.Key(modeKey);
            w.Int(modeValue);
            w.Key("cells");
            w.Int(cells);
            w.Key("temps");
            w.Int(temps);
        }

        /// <summary>
        /// Rows of a sample-major matrix, flattened, each value scaled and rounded to an integer
        /// (mV, tenths of a °C), then minus the same column's rounded value one row up.
        /// </summary>
        private static void DeltaColumns(PayloadWriter w, float[] values, float scale, int fromRow, int rows, int columns)
        {
            w.BeginArray(rows * columns);
            int start = fromRow * columns;
            int end = start + rows * columns;
            for (int i = start; i < end; i++)
            {
                int value = TelemetryBatch.Round(values[i] * scale);
                w.Int(i - start < columns ? value : value - TelemetryBatch.Round(values[i - columns] * scale));
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

        private static void Statistics(PayloadWriter w, AggregateWindow window, int[] min, int[] max, long[] sum)
        {
            w.BeginMap(3);
            w.Key("min");
            w.BeginArray(min.Length);
            for (int i = 0; i < min.Length; i++)
                w.Int(min[i]);
            w.EndArray();
            w.Key("max");
            w.BeginArray(max.Length);
            for (int i = 0; i < max.Length; i++)
                w.Int(max[i]);
            w.EndArray();
            w.Key("mean");
            w.BeginArray(sum.Length);
            for (int i = 0; i < sum.Length; i++)
                w.Int(window.Mean(sum[i]));
            w.EndArray();
            w.EndMap();
        }

        private static void Statistics(PayloadWriter w, int min, int max, int mean)
        {
            w.BeginMap(3);
            w.Key("min");
            w.Int(min);
            w.Key("max");
            w.Int(max);
            w.Key("mean");
            w.Int(mean);
            w.EndMap();
        }
    }
}
