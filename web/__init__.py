"""The ground floor shared by every app: helpers that know no part of the prize (this
package imports no app of the domain)."""
