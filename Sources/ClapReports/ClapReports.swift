// ClapReports
