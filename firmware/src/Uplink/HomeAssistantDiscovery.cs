using nanoFramework.BMS.Uplink.Encoding;

namespace nanoFramework.BMS.Uplink
{
    /// <summary>
    /// Home Assistant MQTT discovery: one retained config per entity, so a pack appears in Home
    /// Assistant with no manual setup. The templates read the JSON telemetry as sent: in samples
    /// mode the first sample of every column is absolute (index 0 .. cells-1 for cells), in
    /// aggregate mode the means. CBOR cannot be read by templates, so this is JSON-only.
    /// Topics are built once at start-up; payloads are written into the caller's buffer.
    /// </summary>
    public sealed class HomeAssistantDiscovery
    {
        private const int FixedEntities = 6;

        private readonly string _packId;
        private readonly string _deviceId;
        private readonly int _cells;
        private readonly int _temps;
        private readonly bool _aggregate;
        private readonly string _telemetryTopic;
        private readonly string _statusTopic;
        private readonly string[] _topics;

        public HomeAssistantDiscovery(string prefix, string packId, string deviceId, int cells, int temps, bool aggregate, string telemetryTopic, string statusTopic)
        {
            _packId = packId;
            _deviceId = deviceId;
            _cells = cells;
            _temps = temps;
            _aggregate = aggregate;
            _telemetryTopic = telemetryTopic;
            _statusTopic = statusTopic;
            _topics = new string[FixedEntities + cells + temps];
            string root = prefix + "sensor/" + packId + "_";
            _topics[0] = root + "pack_voltage/config";
            _topics[1] = root + "current/config";
            _topics[2] = root + "faults/config";
            _topics[3] = root + "contactor/config";
            _topics[4] = root + "soc/config";
            _topics[5] = root + "soh/config";
            for (int i = 0; i < cells; i++)
                _topics[FixedEntities + i] = root + "cell_" + (i + 1) + "/config";
            for (int i = 0; i < temps; i++)
                _topics[FixedEntities + cells + i] = root + "temp_" + (i + 1) + "/config";
        }

        public int Count
        {
            get { return _topics.Length; }
        }

        public string TopicAt(int entity)
        {
            return _topics[entity];
        }

        public void Write(JsonPayloadWriter w, int entity)
        {
            w.BeginMap(0);
            if (entity == 0)
                Entity(w, "Pack voltage", "pack_voltage", 0, "packMv", -1, " / 1000", "V", "voltage");
            else if (entity == 1)
                Entity(w, "Current", "current", 0, "currentMa", -1, " / 1000", "A", "current");
            else if (entity == 2)
                Entity(w, "Latched faults", "faults", 0, "faults", -2, "", null, null);
            else if (entity == 3)
                Entity(w, "Contactor", "contactor", 0, "contactor", -2, "", null, null);
            else if (entity == 4)
                Entity(w, "State of charge", "soc", 0, "battery.socPct", -2, "", "%", "battery");
            else if (entity == 5)
                Entity(w, "State of health", "soh", 0, "battery.sohPct", -2, "", "%", null);
            else if (entity < FixedEntities + _cells)
                Entity(w, "Cell ", "cell_", entity - FixedEntities + 1, "cellMv", entity - FixedEntities, "", "mV", "voltage");
            else
                Entity(w, "Temperature ", "temp_", entity - FixedEntities - _cells + 1, "tempDeciC", entity - FixedEntities - _cells, " / 10", "°C", "temperature");
            Common(w);
            w.EndMap();
        }

        /// <summary>
        /// number 0 means the name needs none. channel -1: a single-value column, -2: a plain field,
        /// else the channel's index in the column.
        /// </summary>
        private void Entity(JsonPayloadWriter w, string name, string objectId, int number, string field, int channel, string scale, string unit, string deviceClass)
        {
            w.Key("name");
            w.BeginText();
            w.AppendText(name);
            if (number > 0)
                w.AppendText(number);
            w.EndText();
            w.Key("unique_id");
            w.BeginText();
            w.AppendText(_packId);
            w.AppendText("_");
            w.AppendText(objectId);
            if (number > 0)
                w.AppendText(number);
            w.EndText();
            w.Key("value_template");
            w.BeginText();
            w.AppendText("{{ value_json.");
            w.AppendText(field);
            if (channel != -2)
            {
                if (_aggregate)
                    w.AppendText(".mean");
                if (channel >= 0 || !_aggregate)
                {
                    w.AppendText("[");
                    w.AppendText(channel < 0 ? 0 : channel);
                    w.AppendText("]");
                }
            }

            w.AppendText(scale);
            w.AppendText(" }}");
            w.EndText();
            if (unit != null)
            {
                w.Key("unit_of_measurement");
                w.Text(unit);
                if (deviceClass != null)
                {
                    w.Key("device_class");
                    w.Text(deviceClass);
                }

                w.Key("state_class");
                w.Text("measurement");
            }
        }

        private void Common(JsonPayloadWriter w)
        {
            w.Key("state_topic");
            w.Text(_telemetryTopic);
            w.Key("availability_topic");
            w.Text(_statusTopic);
            w.Key("availability_template");
            w.Text("{{ value_json.state }}");
            w.Key("device");
            w.BeginMap(4);
            w.Key("identifiers");
            w.BeginArray(1);
            w.Text(_deviceId);
            w.EndArray();
            w.Key("name");
            w.BeginText();
            w.AppendText("BMS ");
            w.AppendText(_packId);
            w.EndText();
            w.Key("manufacturer");
            w.Text("nanoFramework.BMS");
            w.Key("model");
            w.Text("pack controller");
            w.EndMap();
        }
    }
}
