namespace nanoFramework.BMS.Ports
{
    public static class CurrentSensorStatusNames
    {
        public static string Name(CurrentSensorStatus status)
        {
            switch (status)
            {
                case CurrentSensorStatus.Ok: return "ok";
                case CurrentSensorStatus.NoAcknowledge: return "no_acknowledge";
                case CurrentSensorStatus.Timeout: return "timeout";
                case CurrentSensorStatus.ShortRead: return "short_read";
                case CurrentSensorStatus.NotUpdated: return "not_updated";
                default: return "bus_error";
            }
        }
    }
}
