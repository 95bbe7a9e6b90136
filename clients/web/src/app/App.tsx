import { AnnouncerProvider } from "../ui/Announcer";
import { LiveUpdatesProvider } from "../live/LiveUpdatesProvider";
import { UnreadCountProvider } from "../notifications";
import { PeopleProvider } from "../session/PeopleProvider";
import { SessionProvider } from "../session/SessionProvider";
import { Layout } from "./Layout";
import { Routes } from "./Routes";

/** The providers every page relies on, outermost first: the session, then what needs it. */
export function App() {
  return (
    <AnnouncerProvider>
      <SessionProvider>
        <PeopleProvider>
          <LiveUpdatesProvider>
            <UnreadCountProvider>
              <Layout>
                <Routes />
              </Layout>
            </UnreadCountProvider>
          </LiveUpdatesProvider>
        </PeopleProvider>
      </SessionProvider>
    </AnnouncerProvider>
  );
}
