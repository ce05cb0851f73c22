using nanoFramework.BMS.Acquisition;
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

        // The keys, encoded once (a telemetry message has about thirty): one table, and each
        // key's handle in it (PayloadKey: offset << LengthBits | length). PayloadWriterTests
        // checks that every handle spells its name.
        private const string KeyNames = "seq" + "mode" + "sampleSeq" + "t0Ms" + "periodMs" + "n" + "stride" + "windowMs"
            + "cells" + "temps" + "cellMv" + "tempDeciC" + "currentMa" + "packMv" + "flags" + "min" + "max" + "mean" + "any" + "all";
        private const int KeySeq = 0 << PayloadKey.LengthBits | 3;
        private const int KeyMode = 3 << PayloadKey.LengthBits | 4;
        private const int KeySampleSeq = 7 << PayloadKey.LengthBits | 9;
        private const int KeyT0Ms = 16 << PayloadKey.LengthBits | 4;
        private const int KeyPeriodMs = 20 << PayloadKey.LengthBits | 8;
        private const int KeyN = 28 << PayloadKey.LengthBits | 1;
        private const int KeyStride = 29 << PayloadKey.LengthBits | 6;
        private const int KeyWindowMs = 35 << PayloadKey.LengthBits | 8;
        private const int KeyCells = 43 << PayloadKey.LengthBits | 5;
        private const int KeyTemps = 48 << PayloadKey.LengthBits | 5;
        private const int KeyCellMv = 53 << PayloadKey.LengthBits | 6;
        private const int KeyTempDeciC = 59 << PayloadKey.LengthBits | 9;
        private const int KeyCurrentMa = 68 << PayloadKey.LengthBits | 9;
        private const int KeyPackMv = 77 << PayloadKey.LengthBits | 6;
        private const int KeyFlags = 83 << PayloadKey.LengthBits | 5;
        private const int KeyMin = 88 << PayloadKey.LengthBits | 3;
        private const int KeyMax = 91 << PayloadKey.LengthBits | 3;
        private const int KeyMean = 94 << PayloadKey.LengthBits | 4;
        private const int KeyAny = 98 << PayloadKey.LengthBits | 3;
        private const int KeyAll = 101 << PayloadKey.LengthBits | 3;

        private readonly byte[] _keys = PayloadKey.Table(KeyNames);

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
            Shape(w, KeyStride, stride, batch.CellCount, batch.ThermistorCount);
            w.Key(_keys, KeyCellMv);
            DeltaColumns(w, batch.CellMillivolts, 1f, from, count, batch.CellCount);
            w.Key(_keys, KeyTempDeciC);
            DeltaColumns(w, batch.Celsius, 10f, from, count, batch.ThermistorCount);
            w.Key(_keys, KeyCurrentMa);
            DeltaColumn(w, batch.Milliamps, from, count);
            w.Key(_keys, KeyPackMv);
            DeltaColumn(w, batch.PackMillivolts, from, count);
            w.Key(_keys, KeyFlags);
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
            Shape(w, KeyWindowMs, windowMs, window.CellCount, window.ThermistorCount);
            w.Key(_keys, KeyCellMv);
            Statistics(w, window.Cells);
            w.Key(_keys, KeyTempDeciC);
            Statistics(w, window.Thermistors);
            w.Key(_keys, KeyCurrentMa);
            Statistics(w, window.MilliampsMin, window.MilliampsMax, window.Mean(window.MilliampsSum));
            w.Key(_keys, KeyPackMv);
            Statistics(w, window.PackMillivoltsMin, window.PackMillivoltsMax, window.Mean(window.PackMillivoltsSum));
            w.Key(_keys, KeyFlags);
            w.BeginMap(2);
            w.Key(_keys, KeyAny);
            w.Int(window.FlagsAny);
            w.Key(_keys, KeyAll);
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
            w.Key(_keys, KeySeq);
            w.Int(messageSequence);
            w.Key(_keys, KeyMode);
            w.Text(mode);
            w.Key(_keys, KeySampleSeq);
            w.Int(sampleSequence);
            w.Key(_keys, KeyT0Ms);
            w.Int(t0Ms);
            w.Key(_keys, KeyPeriodMs);
            w.Int(periodMs);
            w.Key(_keys, KeyN);
            w.Int(count);
        }

        /// <summary>The mode's own entry (stride or windowMs), then the channel counts.</summary>
        private void Shape(PayloadWriter w, int modeKey, int modeValue, int cells, int temps)
        {
            w.Key(_keys, modeKey);
            w.Int(modeValue);
            w.Key(_keys, KeyCells);
            w.Int(cells);
            w.Key(_keys, KeyTemps);
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

        /// <summary>A closed window's channels (AggregateWindow.Close).</summary>
        private void Statistics(PayloadWriter w, ChannelWindow channels)
        {
            int count = channels.Min.Length;
            w.BeginMap(3);
            w.Key(_keys, KeyMin);
            Integers(w, channels.Min, count);
            w.Key(_keys, KeyMax);
            Integers(w, channels.Max, count);
            w.Key(_keys, KeyMean);
            Integers(w, channels.Mean, count);
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
            w.Key(_keys, KeyMin);
            w.Int(min);
            w.Key(_keys, KeyMax);
            w.Int(max);
            w.Key(_keys, KeyMean);
            w.Int(mean);
            w.EndMap();
        }
    }
}
