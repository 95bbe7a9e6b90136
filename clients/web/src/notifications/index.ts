// The notifications module: the menu link with its unread badge, and the page. Everything it asks of the API
// goes through source.ts, the placeholder to finish when the notification endpoints reach the generated client.
export { NotificationsNavLink } from "./NotificationsNavLink";
export { NotificationsPage } from "./NotificationsPage";
