// The notifications module: the unread count (a provider, fed by the hub), the menu link with its badge, the page.
export { NotificationsNavLink } from "./NotificationsNavLink";
export { NotificationsPage } from "./NotificationsPage";
export { UnreadCountProvider } from "./UnreadCountProvider";
