namespace nanoFramework.BMS.FlightRecorder
{
    public static class EventKindNames
    {
        public static string Name(EventKind kind)
        {
            switch (kind)
            {
                case EventKind.Restart: return "restart";
                case EventKind.FaultRaised: return "fault";
                case EventKind.FaultCleared: return "cleared";
                case EventKind.ContactorChanged: return "contactor";
                case EventKind.ConfigChanged: return "config";
                case EventKind.Login: return "login";
                case EventKind.LoginFailed: return "login_failed";
                case EventKind.Logout: return "logout";
                case EventKind.Calibrated: return "calibrated";
                default: return "unknown";
            }
        }
    }
}
